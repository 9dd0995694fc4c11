import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../shared/http/page-query.dto';
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
  @IsOptional()
  @IsTimeZone()
  billingTimeZone?: string;

  @ApiPropertyOptional({ example: 'cus_NffrFeUfNV2Hib' })
  @IsOptional()
  @Matches(STRIPE_CUSTOMER, { message: '$property must be a Stripe customer id (cus_…)' })
  stripeCustomerId?: string;
}

/** Currency is fixed at creation: amounts already billed in it must keep their meaning. */
export class UpdateCustomerDto extends PartialType(
  PickType(CreateCustomerDto, ['name', 'billingTimeZone', 'stripeCustomerId'] as const),
) {}

export class ListCustomersQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
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
