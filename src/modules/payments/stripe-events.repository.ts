import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The Stripe events seen, so each counts once; every call runs in the caller's transaction. */
@Injectable()
export class StripeEventsRepository {
  /** True the first time an event id is seen, false for a replay. */
  async firstSighting(manager: EntityManager, eventId: string, type: string): Promise<boolean> {
    const fresh: unknown[] = await manager.query(
      `INSERT INTO stripe_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId, type],
    );
    return fresh.length > 0;
  }
}
