/** French words of the backoffice feature (part of the `fr` catalogue in app/lib/messages.ts). */
export const backoffice = {} as const;
