/** Where the tariff pages are: the till's pages link to them. Client-safe. */

/** The place's tariff table, its categories and its receipts' words (managers). */
export const TARIFFS_PATH = (placeId: string) => `/gestion/lieux/${placeId}/caisse/tarifs`;

/** One item of the tariff: its fields and its prices' history. */
export const TARIFF_ITEM_PATH = (placeId: string, itemId: string) => `${TARIFFS_PATH(placeId)}/${itemId}`;
