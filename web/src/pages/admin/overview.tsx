import { EmptyState } from "../../components/feedback";

/** Overview: counts for the last day and week (filled in with the overview API). */
export default function OverviewSection() {
  return <EmptyState title="Overview" text="Counts for the last 24 hours and 7 days appear here." />;
}
