// The wire type of /api/resources/[arn]/details (what the details panel receives).
export type { ResourceDetails as ResourceDetailsResponse } from '@/lib/aws/deferred';
