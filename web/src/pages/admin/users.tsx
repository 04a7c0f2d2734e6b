import { EmptyState } from "../../components/feedback";

/** Users: lookup and a person's page (filled in with the users API). */
export default function UsersSection() {
  return <EmptyState title="Users" text="Look a person up by email, id or Whop user id." />;
}
