/**
 * The layers, enforced (npm run lint): routes → features → db → lib.
 * - lib/ imports neither db/ nor features/ nor ui/; db/ imports no feature; ui/ (the shared kit) imports only lib/.
 * - no route imports db/ (a route parses, calls a feature function, renders);
 * - no feature imports a route, and the browser modules (enhance/) import no server code;
 * - no circle between modules, nor between feature folders (a feature may use another's
 *   exported functions, never both ways).
 * Type-only imports count too: a circle of types is still a circle.
 */
module.exports = {
  forbidden: [
    { name: "lib-is-the-bottom", severity: "error", comment: "lib/ holds small helpers: it imports neither db/, features/, ui/ nor routes/.", from: { path: "^app/lib/" }, to: { path: "^app/(db|features|ui|routes)/" } },
    { name: "db-below-features", severity: "error", comment: "db/ (schema, client) imports no feature, UI or route.", from: { path: "^app/db/" }, to: { path: "^app/(features|ui|routes)/" } },
    { name: "ui-is-the-shared-kit", severity: "error", comment: "ui/ is the shared kit (layout, form kit, pager, error page): it imports only lib/; a feature's UI lives in its feature.", from: { path: "^app/ui/" }, to: { path: "^app/(features|db|routes)/" } },
    { name: "no-route-imports-db", severity: "error", comment: "Routes call feature functions; only features touch the database.", from: { path: "^app/routes/" }, to: { path: "^app/db/" } },
    { name: "routes-are-the-top", severity: "error", comment: "Nothing imports a route module.", from: { path: "^app/(features|db|lib|ui|enhance)/" }, to: { path: "^app/routes/" } },
    { name: "browser-modules-stay-small", severity: "error", comment: "enhance/ runs in the browser: no server code.", from: { path: "^app/enhance/" }, to: { path: "(^app/(db|features|routes)/)|[.]server[.]ts$" } },
    { name: "no-circle", severity: "error", comment: "No module depends on itself through others.", from: {}, to: { circular: true } },
    { name: "no-circle-between-features", severity: "error", comment: "Feature folders form a one-way graph: move what both need into a shared feature.", scope: "folder", from: { path: "^app/features/[^/]+" }, to: { path: "^app/features/[^/]+", circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Tests are consumers at the top (they may use any feature and the shared factories): not part of the layers.
    exclude: { path: "(^|/)[.]react-router/|[+]types/|[.]test[.]tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
