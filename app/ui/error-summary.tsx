/**
 * The list of a form's errors, shown first and focused, each a link to its field
 * (the GOV.UK / DSFR pattern; works without JavaScript through autoFocus).
 */
export function ErrorSummary({ title, problems, id }: { title: string; problems: { href: string; text: string }[]; id?: string }) {
  return (
    <div className="error-summary" id={id} tabIndex={-1} autoFocus aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">{title}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.href}>
            <a href={p.href}>{p.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
