import { PageSkeleton } from "@/components/activity/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Settings" blocks={2} />;
}
