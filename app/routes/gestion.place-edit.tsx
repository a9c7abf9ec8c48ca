import { data } from "react-router";

// Being built (issue 4): answers 404 like an unknown page until then.
export function loader() {
  throw data(null, { status: 404 });
}

export default function Placeholder() {
  return null;
}
