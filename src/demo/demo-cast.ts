import { randomUuid, seededRandom } from './seeded-random';

export type DemoModel = 'pass_through' | 'bundled' | 'hybrid';

/** How a room's notebooks run, which is what each day of its generated history holds. */
export interface RunProfile {
  /** Chance that each of the day's two run slots (morning, evening, UTC) holds a run. */
  readonly slotChance: number;
  /** Chance that a run is the partner's rather than the customer's. */
  readonly partnerShare: number;
  /** DBU a minute of run burns, before each run's own ±20 %. A decimal string: DBU are exact. */
  readonly dbuPerMinute: string;
}

export interface DemoRoom {
  /** Databricks' central_clean_room_id. */
  readonly id: string;
  readonly name: string;
  readonly notebook: string;
  readonly profile: RunProfile;
}

export interface DemoCustomer {
  readonly name: string;
  readonly model: DemoModel;
  /** One line on what its plan charges, for the summary. */
  readonly deal: string;
  /** Its metastore's sharing identifier: the initiator of the runs it triggers. */
  readonly sharingIdentifier: string;
  /** The Databricks account its runs are billed to (left unregistered: runs decide). */
  readonly account: string;
  /** The body of POST /v1/plans, the plan template with the deal's figures. */
  readonly plan: Readonly<Record<string, unknown>>;
  readonly rooms: readonly DemoRoom[];
}

export interface DemoCast {
  readonly seed: number;
  readonly partner: {
    readonly sharingIdentifier: string;
    readonly account: string;
    readonly metastore: string;
  };
  readonly price: {
    readonly sku: string;
    readonly cloud: string;
    readonly currency: string;
    readonly listPrice: string;
    readonly since: string;
  };
  readonly customers: readonly DemoCustomer[];
}

/**
 * A partner and three customers, one per pricing model, with two rooms each. Ids are drawn from
 * the seed, so the same seed names the same rooms and identities on every run (a second run
 * finds the first one's) and a test can pin them.
 */
export function demoCast(seed: number): DemoCast {
  const random = seededRandom(seed, 'cast');
  const uuid = () => randomUuid(random);
  const sharingIdentifier = () => `aws:us-west-2:${uuid()}`;
  const room = (name: string, notebook: string, profile: RunProfile): DemoRoom => ({
    id: uuid(),
    name,
    notebook,
    profile,
  });
  return {
    seed,
    partner: { sharingIdentifier: sharingIdentifier(), account: uuid(), metastore: uuid() },
    price: {
      // A SKU no test uses, so the demo's price never meets another suite's.
      sku: 'PREMIUM_JOBS_SERVERLESS_COMPUTE_US_WEST_OREGON',
      cloud: 'AWS',
      currency: 'USD',
      listPrice: '0.35',
      since: '2024-01-01T00:00:00.000Z',
    },
    customers: [
      {
        name: 'Northwind Grocers (demo)',
        model: 'pass_through',
        deal: 'pass-through: 2,500/month; the few runs the partner triggers re-billed at list cost',
        sharingIdentifier: sharingIdentifier(),
        account: uuid(),
        plan: { model: 'pass_through', currency: 'USD', subscriptionFee: '2500' },
        rooms: [
          room('northwind-basket-affinity', 'basket_affinity', {
            slotChance: 0.55,
            partnerShare: 0.1,
            dbuPerMinute: '0.2',
          }),
          room('northwind-promo-lift', 'promo_lift', {
            slotChance: 0.4,
            partnerShare: 0.15,
            dbuPerMinute: '0.15',
          }),
        ],
      },
      {
        name: 'Bluefin Media (demo)',
        model: 'bundled',
        deal: 'bundled: 6,000/month including 1,000 DBU of partner runs, overage at 0.55/DBU',
        sharingIdentifier: sharingIdentifier(),
        account: uuid(),
        plan: {
          model: 'bundled',
          currency: 'USD',
          subscriptionFee: '6000',
          exposureCap: { measure: 'dbu', amount: '1000', policy: 'overage', overagePrice: '0.55' },
        },
        rooms: [
          room('bluefin-reach-frequency', 'reach_frequency', {
            slotChance: 0.6,
            partnerShare: 0.9,
            dbuPerMinute: '0.25',
          }),
          room('bluefin-audience-overlap', 'audience_overlap', {
            slotChance: 0.6,
            partnerShare: 0.9,
            dbuPerMinute: '0.25',
          }),
        ],
      },
      {
        name: 'Cedar Health (demo)',
        model: 'hybrid',
        deal: 'hybrid: 1,800/month, partner-run premium work at 0.90/DBU, a graduated royalty on its own DBU',
        sharingIdentifier: sharingIdentifier(),
        account: uuid(),
        plan: {
          model: 'hybrid',
          currency: 'USD',
          subscriptionFee: '1800',
          addOnUnitPrice: '0.90',
          charges: [
            {
              key: 'ip_royalty',
              description: 'IP royalty on the compute you run, per DBU',
              basis: 'customer_dbu',
              pricing: {
                model: 'graduated',
                tiers: [
                  { upTo: '250', unitPrice: '0.10' },
                  { upTo: null, unitPrice: '0.05' },
                ],
              },
            },
          ],
        },
        rooms: [
          room('cedar-cohort-builder', 'cohort_builder', {
            slotChance: 0.7,
            partnerShare: 0.05,
            dbuPerMinute: '0.1',
          }),
          room('cedar-outcomes-model', 'outcomes_model', {
            slotChance: 0.45,
            partnerShare: 0.95,
            dbuPerMinute: '0.4',
          }),
        ],
      },
    ],
  };
}
