import source from "../../../../shared/policy/privacy-policy.txt?raw";
import { PolicyView } from "../policy/view";

/** `/privacy`: the Privacy Policy, from the same text the server versions. */
export default function PrivacyPage() {
  return <PolicyView title="Privacy Policy" source={source} />;
}
