import { conflict } from '../../../shared/errors/domain-error';

/** Corrections computed from a state that changed before they could be issued. */
export class StaleCorrectionsError extends Error {
  constructor() {
    super(
      'What the invoice is computed from (plans, time zone, earlier invoices) changed meanwhile; rate again',
    );
  }
}

const ATTEMPTS = 3;

/** Runs `work`, rating again when another draft of the customer issued corrections meanwhile. */
export async function withFreshCorrections<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StaleCorrectionsError)) throw error;
      if (attempt >= ATTEMPTS) {
        throw conflict('concurrent_change', 'The customer’s invoices kept changing; try again');
      }
    }
  }
}
