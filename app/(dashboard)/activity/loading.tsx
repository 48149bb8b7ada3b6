import { PageSkeleton } from "@/components/activity/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Activity" blocks={2} />;
}
