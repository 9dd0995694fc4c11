import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../shared/http/page-query.dto';
import { Optional } from '../../../../shared/validation/optional.decorator';
import { PatchType } from '../../../../shared/validation/patch-type';
import { IsCurrencyCode, IsTimeZone } from '../../../../shared/validation/registry-validators';
import { CustomerEntity } from '../customer.entity';

const STRIPE_CUSTOMER = /^cus_[A-Za-z0-9]{1,250}$/;

export class CreateCustomerDto {
  @ApiProperty({ example: 'Acme Retail', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'USD', description: 'ISO-4217 code; fixed once set' })
  @IsCurrencyCode()
  currency: string;

  @ApiPropertyOptional({
    example: 'America/New_York',
    default: 'UTC',
    description: 'IANA zone the billing month follows',
  })
  @Optional()
  @IsTimeZone()
  billingTimeZone?: string;

  @ApiPropertyOptional({ example: 'cus_NffrFeUfNV2Hib' })
  @Optional()
  @Matches(STRIPE_CUSTOMER, { message: '$property must be a Stripe customer id (cus_…)' })
  stripeCustomerId?: string;
}

/** Currency is fixed at creation: amounts already billed in it must keep their meaning. */
export class UpdateCustomerDto extends PatchType(
  PickType(CreateCustomerDto, ['name', 'billingTimeZone'] as const),
) {
  @ApiPropertyOptional({
    type: 'string',
    example: 'cus_NffrFeUfNV2Hib',
    description: 'null unlinks the customer from Stripe',
  })
  @Optional({ nullable: true })
  @Matches(STRIPE_CUSTOMER, { message: '$property must be a Stripe customer id (cus_…)' })
  stripeCustomerId?: string | null;
}

export class ListCustomersQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @Optional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @Optional()
  @IsCurrencyCode()
  currency?: string;
}

export class CustomerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: 'UTC' }) billingTimeZone: string;
  @ApiProperty({ type: 'string', nullable: true }) stripeCustomerId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(customer: CustomerEntity): CustomerResponse {
    return {
      id: customer.id,
      name: customer.name,
      currency: customer.currency,
      billingTimeZone: customer.billingTimeZone,
      stripeCustomerId: customer.stripeCustomerId,
      createdAt: customer.createdAt.toISOString(),
      updatedAt: customer.updatedAt.toISOString(),
    };
  }
}

export class CustomerPage {
  @ApiProperty({ type: [CustomerResponse] }) data: CustomerResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
