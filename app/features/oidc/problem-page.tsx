import { SignInForm } from "~/features/accounts/sign-in-form";
import { fr } from "~/lib/messages";
import { OidcSignInLink, type OidcButton } from "./oidc-sign-in-link";

/**
 * The sign-in page with what went wrong at the top: the provider's button to try again
 * and the password form below.
 */
export function OidcProblemPage({ problem, button, returnTo }: { problem: { title: string; text: string }; button: OidcButton; returnTo: string | null }) {
  const m = fr.accounts.signIn;
  return (
    <>
      <title>{`${m.errorTitlePrefix}${m.pageTitle} — ${fr.site.name}`}</title>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <SignInForm values={{ email: "" }} errors={{}} problem={problem} returnTo={returnTo} />
      {button ? <OidcSignInLink button={button} returnTo={returnTo} text={fr.oidc.retry(button.label)} separator={false} /> : null}
    </>
  );
}
