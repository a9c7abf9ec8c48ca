import pino from "pino";

/**
 * Structured JSON logs. Personal data never goes in: log ids and counts,
 * not names, emails or phone numbers. Secrets are redacted as a safety net.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token", "*.email", "*.telephone"],
    censor: "[masqué]",
  },
  base: undefined,
});
