/** The parts of « Envoyer les coordonnées d'un lieu »: what the person receives, and the form. */
import { fr } from "~/lib/messages";
import type { FieldErrors } from "~/lib/forms";
import { CsrfField, RadioGroup, TextField } from "~/ui/form";

const m = fr.referrals.sendPlace;

/** The SMS as the person will read it (the mail says the same, with the address's complement). */
export function SmsPreview({ text }: { text: string }) {
  return (
    <section aria-labelledby="apercu-sms">
      <h2 id="apercu-sms">{m.preview}</h2>
      <blockquote className="pre-line">{text}</blockquote>
    </section>
  );
}

export function SendPlaceForm(props: { action: string; csrfToken: string; values: { canal: string; telephone: string; courriel: string }; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <form method="post" action={props.action} className="backoffice-form" noValidate>
      <CsrfField token={props.csrfToken} />
      <RadioGroup name="canal" legend={m.channel} options={[["sms", m.channels.sms], ["email", m.channels.email]]} value={values.canal || "sms"} error={errors.canal} inline />
      <TextField name="telephone" label={m.phone} hint={m.phoneHint} type="tel" inputMode="tel" autoComplete="off" value={values.telephone} error={errors.telephone} />
      <TextField name="courriel" label={m.email} hint={m.emailHint} type="email" inputMode="email" autoComplete="off" value={values.courriel} error={errors.courriel} />
      <button type="submit">{m.submit}</button>
    </form>
  );
}
