/** French words of the oidc feature (part of the `fr` catalogue in app/lib/messages.ts). */
export const oidc = {} as const;
