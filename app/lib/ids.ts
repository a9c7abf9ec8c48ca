const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A database id as it may come from a URL or a form: checked before any query (PostgreSQL rejects a malformed uuid with an error). */
export const isUuid = (value: string | null | undefined): value is string => typeof value === "string" && UUID.test(value);
