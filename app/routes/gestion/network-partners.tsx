import { data, redirect } from "react-router";
import type { Route } from "./+types/network-partners";
import { requireNetwork, requireNetworkForm } from "~/features/access/access.server";
import { PartnerSchema, partnerToFormValues, typedPartnerValues, type PartnerFormValues } from "~/features/partners/partner-form";
import { PartnerForm, PartnerTable, SettingsForm } from "~/features/partners/partners-parts";
import { addPartner, getReferralRules, listNetworkPartners, saveReferralRules } from "~/features/partners/partners.server";
import { ReferralSettingsSchema, settingsToFormValues, typedSettingsValues, type SettingsFormValues } from "~/features/partners/settings-form";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.partners;
const MAX_BODY_BYTES = 16_384;
const NOTICES = { regles: m.settingsSaved, inchange: m.unchanged } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network } = await requireNetwork(request, context, params.slug, "network.partners");
  const db = context.get(appContext).database.db;
  const [list, rules] = await Promise.all([listNetworkPartners(db, { networkId: network.id }), getReferralRules(db, network.id)]);
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return { network: { slug: network.slug, name: network.name }, ...list, rules, csrfToken: signedIn.csrfToken, notice: notice ? NOTICES[notice] : null };
}

type ActionData =
  | { form: "ajouter"; errors: FieldErrors; values: PartnerFormValues; problem?: undefined }
  | { form: "regles"; errors: FieldErrors; values: SettingsFormValues; problem?: undefined }
  | { form?: undefined; errors?: undefined; problem: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, form } = await requireNetworkForm(request, context, params.slug, MAX_BODY_BYTES, { action: "network.partners" });
  const db = context.get(appContext).database.db;
  const here = `/gestion/reseaux/${network.slug}/partenaires`;
  switch (form.get("intent")) {
    case "ajouter": {
      const values = typedPartnerValues(form);
      const parsed = parseForm(PartnerSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "ajouter", errors: parsed.errors, values }, { status: 400 });
      const result = await addPartner(db, { networkId: network.id, values: parsed.values, actorUserId: signedIn.user.id });
      if (result.kind === "name-taken") return data<ActionData>({ form: "ajouter", errors: { nom: m.errors.nameTaken }, values }, { status: 400 });
      return redirect(`${here}/${result.id}?cree`, 303);
    }
    case "regles": {
      const values = typedSettingsValues(form);
      const parsed = parseForm(ReferralSettingsSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "regles", errors: parsed.errors, values }, { status: 400 });
      const result = await saveReferralRules(db, { networkId: network.id, rules: parsed.values, actorUserId: signedIn.user.id });
      return redirect(`${here}?${result === "saved" ? "regles" : "inchange"}#regles`, 303);
    }
    default:
      return data<ActionData>({ problem: m.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkPartners({ loaderData, actionData }: Route.ComponentProps) {
  const { network, year, partners, rules, csrfToken, notice } = loaderData;
  const base = `/gestion/reseaux/${network.slug}`;
  const here = `${base}/partenaires`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.listPageTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{m.backToNetwork}</a>
      </p>
      <h1>{m.listPageTitle(network.name)}</h1>
      <p>{m.listIntro}</p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <section aria-labelledby="partenaires">
        <h2 id="partenaires">{m.listTitle}</h2>
        <PartnerTable base={here} year={year} partners={partners} />
      </section>
      <section aria-labelledby="nouveau">
        <h2 id="nouveau">{m.newTitle}</h2>
        <PartnerForm
          action={here}
          csrfToken={csrfToken}
          intent="ajouter"
          legend={m.newTitle}
          submit={m.create}
          errors={actionData?.form === "ajouter" ? errors : {}}
          values={actionData?.form === "ajouter" ? actionData.values : partnerToFormValues()}
        />
      </section>
      <section aria-labelledby="regles">
        <h2 id="regles">{m.settingsTitle}</h2>
        <p>{m.settingsIntro}</p>
        <SettingsForm action={here} csrfToken={csrfToken} errors={actionData?.form === "regles" ? errors : {}} values={actionData?.form === "regles" ? actionData.values : settingsToFormValues(rules)} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
