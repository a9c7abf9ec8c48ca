import { fr } from "~/lib/messages";

const m = fr.oidc;

/** What the sign-in pages need to show the provider's button (null when OIDC is off). */
export type OidcButton = { label: string } | null;

/**
 * "Se connecter avec ProConnect": a plain link (works without JavaScript) to
 * /connexion/oidc, which redirects to the provider.
 */
export function OidcSignInLink({ button, returnTo, text, separator = true }: { button: OidcButton; returnTo: string | null; text?: string; separator?: boolean }) {
  if (!button) return null;
  const href = returnTo ? `/connexion/oidc?retour=${encodeURIComponent(returnTo)}` : "/connexion/oidc";
  return (
    <div className="oidc-sign-in">
      <p>
        <a className="button" href={href}>
          {text ?? m.signInWith(button.label)}
        </a>
      </p>
      {button.label === m.defaultLabel ? (
        <p>
          <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener noreferrer">
            {m.whatIs(button.label)}
          </a>
        </p>
      ) : null}
      {separator ? <p className="oidc-or">{m.or}</p> : null}
    </div>
  );
}
