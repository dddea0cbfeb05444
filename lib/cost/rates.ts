// Amazon VPC Lattice prices, one versioned table per region, with where each figure comes from.
// Prices change and vary by region: a region missing here is priced at us-east-1's rates and the
// estimate says so. Update the table (and its version) from the pricing page.

export interface TierRate {
  /** Upper bound of the tier in GB per month (Infinity for the last). */
  upToGb: number;
  perGb: number;
}

export interface RegionRates {
  /** Per service per hour, for each hour it is provisioned (partial hours count). */
  serviceHour: number;
  /** Per GB processed (request plus response bytes); inter-AZ data is included. */
  serviceGb: number;
  /** Per million HTTP/HTTPS requests (TLS passthrough: per TCP connection) beyond the free tier. */
  perMillionRequests: number;
  /** Requests (or connections) free per hour per service. */
  freeRequestsPerHour: number;
  /** VPC resources (resource configurations): per GB, in tiers per month. */
  resourceGb: TierRate[];
  /** VPC resources per hour: null while no primary source settles it. */
  resourceConfigurationHour: number | null;
}

export interface RateTable {
  version: string;
  currency: 'USD';
  /** Where the figures come from, and when they were read. */
  source: string;
  readOn: string;
  regions: Record<string, RegionRates>;
  /** What the table does not price, for the estimate's notes. */
  caveats: string[];
}

export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = 365 / 12;

export const RATES: RateTable = {
  version: '2026-09-20.1',
  currency: 'USD',
  source:
    'https://aws.amazon.com/vpc/lattice/pricing/ (corpus snapshot), cross-checked with the api-evangelist/amazon-vpc-lattice transcription plans/amazon-vpc-lattice-plans-pricing.yml',
  readOn: '2026-09-20',
  regions: {
    'us-east-1': {
      serviceHour: 0.025,
      serviceGb: 0.025,
      perMillionRequests: 0.1,
      freeRequestsPerHour: 300_000,
      resourceGb: [
        { upToGb: 1_000_000, perGb: 0.01 },
        { upToGb: 5_000_000, perGb: 0.006 },
        { upToGb: Infinity, perGb: 0.004 },
      ],
      resourceConfigurationHour: null,
    },
  },
  caveats: [
    'Resource configurations are priced for data only: the pricing page gives "$0.10 per resource per hour" only as an example, unconfirmed as a rate.',
    'Service-network VPC associations and service-network VPC endpoints are counted at no cost (the pricing page says no additional cost; PrivateLink endpoint-hours are not included).',
    'Access logs are billed by their destination (CloudWatch Logs vended logs, S3, Firehose) and are not included.',
  ],
};

export function ratesFor(region: string, table: RateTable = RATES): { rates: RegionRates; exact: boolean } {
  const exact = table.regions[region];
  return exact ? { rates: exact, exact: true } : { rates: table.regions['us-east-1'], exact: false };
}
