/** French words of the mail feature (part of the `fr` catalogue in app/lib/messages.ts). */
export const mail = {} as const;
