import source from "../../../../shared/policy/terms.txt?raw";
import { PolicyView } from "../policy/view";

/** `/terms`: the Terms of Service. */
export default function TermsPage() {
  return <PolicyView title="Terms of Service" source={source} />;
}
