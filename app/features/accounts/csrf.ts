/** Name of the hidden form field carrying the anti-CSRF token (shared by pages and the server check). */
export const CSRF_FIELD = "csrf";
