/**
 * What a person receives when an adviser sends them a place's details (« Envoyer les coordonnées
 * d'un lieu »), and how the adviser's confirmation shows where it went without writing it out.
 * Pure: send-place.server.ts reads the place, chooses the SMS that fits and queues it.
 */
import { plainSmsText } from "~/features/sms/plain-text";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";

const m = fr.referrals.sendPlace;

/** The place as the message says it: the hours already in words, the phone as written in France. */
export type PlaceDetails = {
  name: string;
  address: string;
  addressComplement: string | null;
  postcode: string;
  commune: string;
  /** « du lundi au vendredi : 9 h – 12 h ; … », or the words saying to check them. */
  hours: string;
  phone: string | null;
  /** The public page: `${baseUrl}/lieux/<slug>`. */
  url: string;
};

/**
 * The SMS, longest first: everything; the hours left to the link; without the adviser's
 * organisation; the name and the link. The sender keeps the first that fits in three SMS.
 * Plain text in the GSM alphabet (plainSmsText), one item a line.
 */
export function placeSmsTexts(place: PlaceDetails, partner: string): string[] {
  const address = `${place.address}, ${place.postcode} ${place.commune}`;
  const phone = place.phone ? [m.sms.phone(place.phone)] : [];
  const texts = [
    [m.sms.from(partner), place.name, address, m.sms.hours(place.hours), ...phone, place.url],
    [m.sms.from(partner), place.name, address, m.sms.hoursSeeLink, ...phone, place.url],
    [place.name, address, m.sms.hoursSeeLink, ...phone, place.url],
    [place.name, place.url],
  ];
  return texts.map((lines) => plainSmsText(lines.join("\n")));
}

/** The mail: the same details, with the address's complement, and why the person receives it. */
export function placeMail(place: PlaceDetails, partner: string): { subject: string; text: string } {
  const lines = [
    m.mail.hello,
    "",
    m.mail.intro(partner),
    "",
    place.name,
    place.address,
    ...(place.addressComplement ? [place.addressComplement] : []),
    `${place.postcode} ${place.commune}`,
    "",
    m.mail.hours(place.hours),
    ...(place.phone ? [m.mail.phone(place.phone)] : []),
    "",
    m.mail.link(place.url),
    "",
    m.mail.bye,
  ];
  return { subject: m.mail.subject(place.name), text: lines.join("\n") };
}

/** « 06 •• •• •• 78 »: the first two digits and the last two of a number (E.164), the others hidden. */
export function maskPhone(e164: string): string {
  const shown = formatPhone(e164);
  const digits = shown.replace(/\D/g, "").length;
  let seen = 0;
  let masked = "";
  for (const c of shown) {
    if (!/\d/.test(c)) {
      masked += c;
      continue;
    }
    masked += seen < 2 || seen >= digits - 2 ? c : "•";
    seen++;
  }
  return masked;
}

/** « m•••@exemple.fr »: the address's first character and its domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
