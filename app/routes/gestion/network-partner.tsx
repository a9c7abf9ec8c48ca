import { data, redirect } from "react-router";
import type { Route } from "./+types/network-partner";
import { requireNetworkPartner, requireNetworkPartnerForm } from "~/features/access/access.server";
import { createPartnerInvitation, listPendingPartnerInvitations, revokePartnerInvitation } from "~/features/invitations/invitations.server";
import { createApiToken, listApiTokens, revokeApiToken } from "~/features/partners/api-tokens.server";
import { AdviserIdSchema, AdviserInviteSchema, ApiKeyIdSchema, InvitationIdSchema, PartnerSchema, partnerToFormValues, typedPartnerValues, type PartnerFormValues } from "~/features/partners/partner-form";
import { AdvisersSection, ApiKeysSection, KeyCreated, WebhookSection } from "~/features/partners/partner-page-parts";
import { PartnerForm } from "~/features/partners/partners-parts";
import { listAdvisers, removeAdviser, updatePartner } from "~/features/partners/partners.server";
import { ApiKeySchema, localWebhooksAllowed, MAX_ACTIVE_API_KEYS, webhookSchema } from "~/features/partners/webhook-form";
import { regenerateWebhookSecret, saveWebhook } from "~/features/partners/webhooks.server";
import { waitWords } from "~/features/reports/report-form";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { formPageHeaders } from "~/lib/http";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.partners;
const MAX_BODY_BYTES = 16_384;
const NOTICES = {
  cree: m.created, enregistre: m.saved, inchange: m.unchanged, retire: m.adviserRemoved, "invitation-annulee": m.invitationRevoked,
  webhook: m.webhookSaved, "webhook-retire": m.webhookCleared, secret: m.secretRegenerated, "cle-revoquee": m.keyRevokedNotice,
} as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, network, partner } = await requireNetworkPartner(request, context, params.slug, params.partnerId);
  const db = context.get(appContext).database.db;
  const [advisers, pending, keys] = await Promise.all([listAdvisers(db, partner.id), listPendingPartnerInvitations(db, partner.id), listApiTokens(db, partner.id)]);
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    network: { slug: network.slug, name: network.name },
    partner: { id: partner.id, name: partner.name, kind: partner.kind, siret: partner.siret, values: partnerToFormValues(partner) },
    webhook: { url: partner.webhookUrl, secret: partner.webhookSecret, personalData: partner.webhookPersonalData },
    advisers: advisers.map((a) => ({ ...a, since: a.since.toISOString() })),
    pending: pending.map((p) => ({ ...p, expiresAt: p.expiresAt.toISOString() })),
    keys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null })),
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
  };
}

type Section = "structure" | "conseillers" | "webhook" | "cles";
type ActionData = {
  section?: Section;
  errors?: FieldErrors;
  problem?: string;
  notice?: string;
  /** What was typed, to show again: the organisation's form, or the one text of the others. */
  values?: PartnerFormValues;
  typed?: string;
  personalData?: boolean;
  /** A new API key, shown this once. */
  createdKey?: string;
};

const text = (form: FormData, name: string, max = 400) => (typeof form.get(name) === "string" ? String(form.get(name)).slice(0, max) : "");

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, network, partner, form } = await requireNetworkPartnerForm(request, context, params.slug, params.partnerId, MAX_BODY_BYTES);
  const { database, env } = context.get(appContext);
  const db = database.db;
  const actorUserId = signedIn.user.id;
  const ids = { networkId: network.id, partnerId: partner.id, actorUserId };
  const here = `/gestion/reseaux/${network.slug}/partenaires/${partner.id}`;
  const invalid = () => data<ActionData>({ problem: m.invalidRequest }, { status: 400 });
  switch (form.get("intent")) {
    case "modifier": {
      const values = typedPartnerValues(form);
      const parsed = parseForm(PartnerSchema, form);
      if (!parsed.ok) return data<ActionData>({ section: "structure", errors: parsed.errors, values }, { status: 400 });
      const result = await updatePartner(db, { ...ids, values: parsed.values });
      if (result === "not-found") throw data(m.partnerUnknown, { status: 404 });
      if (result === "name-taken") return data<ActionData>({ section: "structure", errors: { nom: m.errors.nameTaken }, values }, { status: 400 });
      return redirect(`${here}?${result === "saved" ? "enregistre" : "inchange"}`, 303);
    }
    case "inviter": {
      const typed = text(form, "email", 320);
      const parsed = parseForm(AdviserInviteSchema, form);
      if (!parsed.ok) return data<ActionData>({ section: "conseillers", errors: parsed.errors, typed }, { status: 400 });
      const outcome = await createPartnerInvitation(db, { principal: signedIn.principal, inviterName: signedIn.user.name, partnerId: partner.id, email: parsed.values.email, baseUrl: env.baseUrl });
      if (outcome.kind === "forbidden") throw data(fr.backoffice.forbidden, { status: 403 });
      if (outcome.kind === "already-member") return data<ActionData>({ section: "conseillers", errors: { email: m.alreadyAdviser }, typed }, { status: 400 });
      if (outcome.kind === "limited") {
        return data<ActionData>({ section: "conseillers", problem: m.tooManyInvitations(waitWords(outcome.retryAfterSeconds)), typed }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
      }
      return data<ActionData>({ notice: m.invited(parsed.values.email.toLowerCase()) });
    }
    case "annuler-invitation": {
      const parsed = parseForm(InvitationIdSchema, form);
      if (!parsed.ok) return invalid();
      const outcome = await revokePartnerInvitation(db, { principal: signedIn.principal, partnerId: partner.id, invitationId: parsed.values.invitationId });
      if (outcome === "forbidden") throw data(fr.backoffice.forbidden, { status: 403 });
      if (outcome === "not-found") return data<ActionData>({ problem: m.invitationUnknown }, { status: 404 });
      return redirect(`${here}?invitation-annulee#conseillers`, 303);
    }
    case "retirer": {
      const parsed = parseForm(AdviserIdSchema, form);
      if (!parsed.ok) return invalid();
      if ((await removeAdviser(db, { ...ids, userId: parsed.values.userId })) === "not-found") return data<ActionData>({ problem: m.adviserUnknown }, { status: 404 });
      return redirect(`${here}?retire#conseillers`, 303);
    }
    case "webhook": {
      const typed = text(form, "url", 2100);
      const parsed = parseForm(webhookSchema({ allowLocal: localWebhooksAllowed(env) }), form);
      if (!parsed.ok) return data<ActionData>({ section: "webhook", errors: parsed.errors, typed, personalData: form.get("donnees_personnelles") === "oui" }, { status: 400 });
      const result = await saveWebhook(db, { ...ids, ...parsed.values });
      if (result === "not-found") throw data(m.partnerUnknown, { status: 404 });
      return redirect(`${here}?${result === "saved" ? "webhook" : result === "cleared" ? "webhook-retire" : "inchange"}#webhook`, 303);
    }
    case "regenerer-secret": {
      const result = await regenerateWebhookSecret(db, ids);
      if (result === "not-found") throw data(m.partnerUnknown, { status: 404 });
      if (result === "no-webhook") return data<ActionData>({ section: "webhook", problem: m.noSecret }, { status: 400 });
      return redirect(`${here}?secret#secret`, 303);
    }
    case "creer-cle": {
      const typed = text(form, "libelle", 200);
      const parsed = parseForm(ApiKeySchema, form);
      if (!parsed.ok) return data<ActionData>({ section: "cles", errors: parsed.errors, typed }, { status: 400 });
      const result = await createApiToken(db, { ...ids, label: parsed.values.label });
      if (result.kind === "not-found") throw data(m.partnerUnknown, { status: 404 });
      if (result.kind === "too-many") return data<ActionData>({ section: "cles", errors: { libelle: m.keyErrors.tooMany(MAX_ACTIVE_API_KEYS) }, typed }, { status: 400 });
      return data<ActionData>({ section: "cles", createdKey: result.token });
    }
    case "revoquer-cle": {
      const parsed = parseForm(ApiKeyIdSchema, form);
      if (!parsed.ok) return invalid();
      if ((await revokeApiToken(db, { ...ids, tokenId: parsed.values.tokenId })) === "not-found") return data<ActionData>({ problem: m.keyUnknown }, { status: 404 });
      return redirect(`${here}?cle-revoquee#cles`, 303);
    }
    default:
      return invalid();
  }
}

export const headers: Route.HeadersFunction = formPageHeaders;
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkPartner({ loaderData, actionData }: Route.ComponentProps) {
  const { network, partner, webhook, advisers, pending, keys, csrfToken, notice } = loaderData;
  const list = `/gestion/reseaux/${network.slug}/partenaires`;
  const here = `${list}/${partner.id}`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const of = (section: Section) => (actionData?.section === section ? errors : {});
  const typed = (section: Section) => (actionData?.section === section ? actionData.typed : undefined);
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(partner.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={list}>{m.backToList}</a>
      </p>
      <h1>{m.pageTitle(partner.name)}</h1>
      <p>{m.kindLine(m.kinds[partner.kind], partner.siret)}</p>
      {notice ? <Notice>{notice}</Notice> : null}
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {actionData?.createdKey ? <KeyCreated token={actionData.createdKey} /> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <section aria-labelledby="structure">
        <h2 id="structure">{m.editTitle}</h2>
        <PartnerForm action={here} csrfToken={csrfToken} intent="modifier" legend={m.editTitle} submit={m.save} errors={of("structure")} values={actionData?.section === "structure" && actionData.values ? actionData.values : partner.values} />
      </section>
      <section aria-labelledby="conseillers">
        <h2 id="conseillers">{m.advisersTitle}</h2>
        <AdvisersSection action={here} csrfToken={csrfToken} advisers={advisers} pending={pending} email={typed("conseillers") ?? ""} errors={of("conseillers")} />
      </section>
      <section aria-labelledby="webhook">
        <h2 id="webhook">{m.webhookTitle}</h2>
        <WebhookSection
          action={here}
          csrfToken={csrfToken}
          webhook={webhook}
          errors={of("webhook")}
          values={actionData?.section === "webhook" && actionData.typed !== undefined ? { url: actionData.typed, personalData: Boolean(actionData.personalData) } : { url: webhook.url ?? "", personalData: webhook.personalData }}
        />
      </section>
      <section aria-labelledby="cles">
        <h2 id="cles">{m.keysTitle}</h2>
        <ApiKeysSection action={here} csrfToken={csrfToken} keys={keys} label={typed("cles") ?? ""} errors={of("cles")} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
