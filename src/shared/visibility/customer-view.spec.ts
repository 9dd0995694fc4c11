import { ApiProperty } from '@nestjs/swagger';
import { customerView } from './customer-view';
import { PartnerOnly } from './partner-only.decorator';

class CostSchema {
  @ApiProperty() dbu: string;
  @PartnerOnly()
  @ApiProperty()
  partnerCost: string;
}

class LineSchema {
  @ApiProperty() kind: string;
  @PartnerOnly({ when: (line) => line.kind === 'absorbed', whenText: 'absorbed' })
  @ApiProperty()
  cost: string;
}

class ParentSchema {
  @ApiProperty({ type: CostSchema }) total: CostSchema;
}

class ReportSchema extends ParentSchema {
  @ApiProperty({ type: [LineSchema] }) lines: LineSchema[];
  @ApiProperty({ type: () => CostSchema, nullable: true }) room: CostSchema | null;
  @PartnerOnly()
  @ApiProperty()
  margin: string;
}

describe('customerView', () => {
  const report = {
    total: { dbu: '10', partnerCost: '4.5' },
    lines: [
      { kind: 'absorbed', cost: '3' },
      { kind: 'customer', cost: '7' },
    ],
    room: { dbu: '2', partnerCost: '0.9' },
    margin: '1.25',
    note: 'kept',
  };

  it('leaves out partner-only properties at every depth, through arrays, parents and lazy types', () => {
    expect(customerView(report, ReportSchema)).toEqual({
      total: { dbu: '10' },
      lines: [{ kind: 'absorbed' }, { kind: 'customer', cost: '7' }],
      room: { dbu: '2' },
      note: 'kept',
    });
  });

  it('leaves the properties out rather than setting them to null or undefined', () => {
    const view = customerView(report, ReportSchema) as Record<string, unknown>;
    expect(Object.keys(view)).not.toContain('margin');
    expect(Object.keys(view.total as object)).toEqual(['dbu']);
  });

  it('applies to each element of a top-level array and keeps nulls', () => {
    expect(customerView([{ dbu: '1', partnerCost: '1' }, null], CostSchema)).toEqual([
      { dbu: '1' },
      null,
    ]);
    expect(customerView({ ...report, room: null }, ReportSchema)).toMatchObject({ room: null });
  });

  it('does not change the object it is given', () => {
    const copy = structuredClone(report);
    customerView(report, ReportSchema);
    expect(report).toEqual(copy);
  });

  it('documents the rule in the API docs', () => {
    const docs = Reflect.getMetadata(
      'swagger/apiModelProperties',
      LineSchema.prototype,
      'cost',
    ) as {
      description: string;
    };
    expect(docs.description).toBe('Partner keys only: absent for customer keys (when absorbed).');
  });

  it('refuses to mark a property that has no @ApiProperty under it', () => {
    expect(() => {
      class Misplaced {
        @ApiProperty()
        @PartnerOnly()
        partnerCost: string;
      }
      return Misplaced;
    }).toThrow('@PartnerOnly on Misplaced.partnerCost must sit above its @ApiProperty');
  });
});
