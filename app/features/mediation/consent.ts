/**
 * What a person is told before a place follows them by name (« consentement »): plain French,
 * short sentences, one A4 page when printed. The exact wording shown is stored on their row
 * (`beneficiaries.consent_wording`), so the texts below are versioned: a new wording is a new
 * version added to CONSENT_VERSIONS and made current, never an edit of a version already used
 * (the stored rows say which one they were shown, in their last line). This legal text is kept
 * here rather than in the message catalogue for that reason.
 *
 * Pure and client-safe: the form shows it, the printable page prints it, the server stores it.
 */

/** What the wording says about the place: its name and its retention period (months without activity). */
export type ConsentContext = { placeName: string; retentionMonths: number };

export type ConsentText = { version: string; title: string; paragraphs: string[]; versionLine: string };

type ConsentVersion = { title: (c: ConsentContext) => string; paragraphs: (c: ConsentContext) => string[]; versionLine: string };

export const CONSENT_VERSIONS: Readonly<Record<string, ConsentVersion>> = {
  "2026-12": {
    title: (c) => `Vos informations à ${c.placeName}`,
    paragraphs: (c) => [
      `Pour mieux vous aider d'une visite à l'autre, l'équipe de ${c.placeName} peut noter votre prénom et votre nom (ou vos initiales).`,
      "Si vous le voulez, elle note aussi votre téléphone, votre adresse mail, votre année de naissance, votre commune, et l'aide que vous avez reçue ici.",
      "Qui les voit ? Seulement l'équipe de médiation de ce lieu. Nous ne donnons et ne vendons ces informations à personne.",
      "Nos financeurs (la commune, le réseau, l'État, la Région) reçoivent seulement des chiffres sans nom : par exemple, combien de personnes ont été aidées et leur tranche d'âge.",
      `Combien de temps ? Si vous ne venez plus pendant ${c.retentionMonths} mois, votre nom et vos coordonnées sont effacés automatiquement.`,
      "Vos droits : à tout moment, vous pouvez voir ces informations, en recevoir une copie, les faire corriger ou les faire effacer. Il suffit de le demander à l'équipe du lieu.",
      "Vous pouvez dire non : vous recevrez la même aide, sans que votre nom soit noté.",
      "Si vous n'êtes pas d'accord avec la façon dont vos informations sont utilisées, vous pouvez vous adresser à la CNIL (www.cnil.fr).",
    ],
    versionLine: "Texte d'information, version de décembre 2026.",
  },
};

export const CURRENT_CONSENT_VERSION = "2026-12";

/** The text of `version` (the current one by default) for a place. */
export function consentText(context: ConsentContext, version: string = CURRENT_CONSENT_VERSION): ConsentText {
  const v = CONSENT_VERSIONS[version];
  if (!v) throw new Error(`unknown consent version ${version}`);
  return { version, title: v.title(context), paragraphs: v.paragraphs(context), versionLine: v.versionLine };
}

/** The wording as stored on the row: the title, each paragraph, then the version line, separated by blank lines. */
export function consentWording(context: ConsentContext, version: string = CURRENT_CONSENT_VERSION): string {
  const text = consentText(context, version);
  return [text.title, ...text.paragraphs, text.versionLine].join("\n\n");
}

/**
 * A short fingerprint of a wording (FNV-1a, 32 bits, hex): the form sends the one of the text it
 * showed, and the server refuses to store consent to another text (the place's name or period
 * changed in between). Not a security measure: it only proves which text was on the screen.
 */
export function consentFingerprint(wording: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < wording.length; i++) {
    hash ^= wording.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
