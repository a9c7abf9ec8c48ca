import { data } from "react-router";

// Placeholder until this page is built (issue 3): answers 404 like any unknown page.
export function loader() {
  throw data(null, { status: 404 });
}

export default function Placeholder() {
  return null;
}
