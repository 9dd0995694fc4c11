import { DomainError } from '../../shared/errors/domain-error';
import { toPaymentEvent } from './stripe-webhook-event';

const invoiceObject = { id: 'in_1', object: 'invoice', metadata: { invoiceId: 'ours' } };

describe('toPaymentEvent', () => {
  it.each([
    ['invoice.paid', 'paid'],
    ['invoice.voided', 'void'],
    ['invoice.marked_uncollectible', 'uncollectible'],
  ] as const)('%s moves the Stripe invoice of data.object.id to %s', (type, status) => {
    expect(toPaymentEvent({ id: 'evt_1', type, data: { object: invoiceObject } })).toEqual({
      id: 'evt_1',
      type,
      change: { providerInvoiceId: 'in_1', status },
    });
  });

  it.each(['customer.updated', 'constructor', '__proto__', 'toString'])(
    'a well-formed %s moves nothing',
    (type) => {
      expect(toPaymentEvent({ id: 'evt_1', type, data: { object: {} } })).toEqual({
        id: 'evt_1',
        type,
        change: null,
      });
    },
  );

  it.each([
    ['an array', [{ id: 'evt_1', type: 'invoice.paid', data: { object: invoiceObject } }]],
    ['a string', 'evt_1'],
    ['a number', 42],
    ['null', null],
    ['an event without id', { type: 'invoice.paid', data: { object: invoiceObject } }],
    ['an empty id', { id: '', type: 'invoice.paid', data: { object: invoiceObject } }],
    ['a numeric id', { id: 7, type: 'invoice.paid', data: { object: invoiceObject } }],
    ['an event without type', { id: 'evt_1', data: { object: invoiceObject } }],
    ['an event without data', { id: 'evt_1', type: 'invoice.paid' }],
    ['an other type without data', { id: 'evt_1', type: 'customer.updated' }],
    ['data.object null', { id: 'evt_1', type: 'invoice.paid', data: { object: null } }],
    ['data.object an array', { id: 'evt_1', type: 'invoice.paid', data: { object: [] } }],
    ['data an array', { id: 'evt_1', type: 'invoice.paid', data: [invoiceObject] }],
    [
      'an invoice without id',
      { id: 'evt_1', type: 'invoice.paid', data: { object: { metadata: { invoiceId: 'ours' } } } },
    ],
    [
      'an invoice with a numeric id',
      { id: 'evt_1', type: 'invoice.voided', data: { object: { id: 12 } } },
    ],
  ])('refuses %s as a 400 malformed_event', (_, body) => {
    let thrown: unknown;
    try {
      toPaymentEvent(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'malformed_event', status: 400 });
  });
});
