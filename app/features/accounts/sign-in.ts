/** The sign-in form's fields, zod schema and types (pure: shared by the action and the form). */
import { z } from "zod";
import { fr } from "~/lib/messages";

export const SIGN_IN_FIELDS = { email: "email", password: "mot_de_passe", returnTo: "retour" } as const;

const messages = fr.accounts.signIn;

export const SignInSchema = z.object({
  email: z.string().trim().min(1, { error: messages.emailEmpty }).max(320, { error: messages.emailInvalid }).pipe(z.email({ error: messages.emailInvalid })),
  password: z.string().min(1, { error: messages.passwordEmpty }).max(1024, { error: messages.wrongCredentials }),
});

export type SignInValues = { email: string };
export type SignInErrors = Partial<Record<"email" | "password", string>>;

