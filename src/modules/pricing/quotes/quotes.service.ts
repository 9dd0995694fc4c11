import { Injectable } from '@nestjs/common';
import { badRequest, type FieldError } from '../../../shared/errors/domain-error';
import { D, type Dec, formatDecimal } from '../../../shared/money/decimal';
import type { PlanVersionTerms } from '../domain/plan-version-terms';
import { segmentFactors } from '../domain/proration';
import { ratePeriod } from '../domain/rate-period';
import { ratingResultToJson } from '../domain/rating-result.serializer';
import type { SegmentUsage } from '../domain/usage-aggregates';
import { PlansService, termsOrThrow } from '../plans/plans.service';
import { CreateQuoteDto, QuotePlanDto, QuoteResponse, QuoteUsageDto } from './quote.dto';

interface QuotedSegment {
  readonly from: Date;
  readonly to: Date;
  readonly planVersionId: string | null;
  readonly terms: PlanVersionTerms;
  readonly usage: SegmentUsage;
}

/** Rates plans against given aggregates with the invoices' kernel; writes nothing. */
@Injectable()
export class QuotesService {
  constructor(private readonly plans: PlansService) {}

  async quote(body: CreateQuoteDto): Promise<QuoteResponse> {
    const start = body.period.start;
    const end = body.period.end;
    if (!(end > start)) {
      throw invalid([
        {
          field: 'period.end',
          code: 'not_after_start',
          message: 'The period must end after it starts',
        },
      ]);
    }
    const segments = await this.segmentsOf(body);
    const currency = segments[0].terms.currency;
    const errors = segments.flatMap((segment, i): FieldError[] =>
      segment.terms.currency === currency
        ? []
        : [
            {
              field: `segments.${i}`,
              code: 'currency_mismatch',
              message: `All plans must be in ${currency}`,
            },
          ],
    );
    if (errors.length > 0) throw invalid(errors);

    const factors = factorsWithin(start, end, segments);
    const result = ratePeriod({
      currency,
      segments: segments.map((segment, i) => ({ ...segment, factor: factors[i] })),
    });
    return {
      period: { start: start.toISOString(), end: end.toISOString() },
      segments: segments.map((segment, i) => ({
        from: segment.from.toISOString(),
        to: segment.to.toISOString(),
        factor: formatDecimal(factors[i]),
        planVersionId: segment.planVersionId,
      })),
      ...ratingResultToJson(result),
    };
  }

  private async segmentsOf(body: CreateQuoteDto): Promise<QuotedSegment[]> {
    if (body.segments === undefined) {
      return [
        {
          from: body.period.start,
          to: body.period.end,
          ...(await this.planOf(body.planVersionId, body.plan, '')),
          usage: usageOf(body.usage),
        },
      ];
    }
    if (body.plan !== undefined || body.planVersionId !== undefined || body.usage !== undefined) {
      throw invalid([
        {
          field: 'segments',
          code: 'ambiguous_quote',
          message: 'Give either segments, or one plan and usage',
        },
      ]);
    }
    const segments: QuotedSegment[] = [];
    for (const [i, segment] of body.segments.entries()) {
      const previous = segments.at(-1);
      const problems: FieldError[] = [];
      if (!(segment.to > segment.from))
        problems.push(
          field(`segments.${i}.to`, 'not_after_start', 'A segment must end after it starts'),
        );
      if (segment.from < body.period.start || segment.to > body.period.end) {
        problems.push(
          field(`segments.${i}`, 'outside_period', 'A segment must lie within the period'),
        );
      }
      if (previous && segment.from < previous.to) {
        problems.push(
          field(
            `segments.${i}.from`,
            'overlapping_segments',
            'Segments must be in order and must not overlap',
          ),
        );
      }
      if (problems.length > 0) throw invalid(problems);
      segments.push({
        from: segment.from,
        to: segment.to,
        ...(await this.planOf(segment.planVersionId, segment.plan, `segments.${i}.`)),
        usage: usageOf(segment.usage),
      });
    }
    return segments;
  }

  private async planOf(
    planVersionId: string | undefined,
    plan: QuotePlanDto | undefined,
    path: string,
  ): Promise<{ planVersionId: string | null; terms: PlanVersionTerms }> {
    if ((planVersionId === undefined) === (plan === undefined)) {
      throw invalid([
        field(`${path}plan`, 'plan_required', 'Give exactly one of planVersionId and plan'),
      ]);
    }
    if (plan !== undefined)
      return { planVersionId: null, terms: termsOrThrow(plan, `${path}plan`) };
    const version = await this.plans.findVersion(planVersionId ?? '');
    if (!version) {
      throw invalid([
        field(
          `${path}planVersionId`,
          'not_found',
          `Plan version ${planVersionId ?? ''} does not exist`,
        ),
      ]);
    }
    return { planVersionId: version.id, terms: version.terms };
  }
}

/** Each segment's share of the period, with the uncovered gaps counted so the shares are exact. */
function factorsWithin(start: Date, end: Date, segments: readonly QuotedSegment[]): Dec[] {
  const durations: Dec[] = [];
  const owners: (number | null)[] = [];
  let cursor = start.getTime();
  segments.forEach((segment, i) => {
    if (segment.from.getTime() > cursor) {
      durations.push(new D(segment.from.getTime() - cursor));
      owners.push(null);
    }
    durations.push(new D(segment.to.getTime() - segment.from.getTime()));
    owners.push(i);
    cursor = segment.to.getTime();
  });
  if (end.getTime() > cursor) {
    durations.push(new D(end.getTime() - cursor));
    owners.push(null);
  }
  const factors = segmentFactors(durations);
  return factors.filter((_, i) => owners[i] !== null);
}

function usageOf(usage: QuoteUsageDto | undefined): SegmentUsage {
  const value = (text: string | undefined) => new D(text ?? '0');
  return {
    totals: {
      partnerDbu: value(usage?.partnerDbu),
      partnerCost: value(usage?.partnerCost),
      partnerListCost: value(usage?.partnerListCost),
      customerDbu: value(usage?.customerDbu),
      customerListCost: value(usage?.customerListCost),
      partnerRuns: value(usage?.partnerRuns),
    },
    activeRooms: usage?.rooms ?? 0,
    rooms: [],
  };
}

const field = (name: string, code: string, message: string): FieldError => ({
  field: name,
  code,
  message,
});

const invalid = (errors: FieldError[]) =>
  badRequest('invalid_quote', 'The quote request is invalid; see errors', errors);
