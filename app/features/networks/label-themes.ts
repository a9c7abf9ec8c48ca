import { fr } from "~/lib/messages";

/** Themes a network's label can carry (the calls for projects' themes). */
export const LABEL_THEMES = fr.backoffice.network.themeOptions;
