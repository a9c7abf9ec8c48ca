import path from "node:path";

/** The shared reference data beside the repository (never edited). */
export const REFERENCE = path.resolve(import.meta.dirname, "../../../shared/reference/mednum");
export const REAL = path.join(REFERENCE, "real");
export const MAPPINGS = path.resolve(import.meta.dirname, "../../mappings");
/** data·inclusion's schema v1 (structure.json, service.json, extra/*.json value lists). */
export const DATA_INCLUSION_REFERENCE = path.resolve(import.meta.dirname, "../../../shared/reference/data-inclusion");
