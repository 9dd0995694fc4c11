import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerBillingZones } from './customers/customer-billing-zones';
import { CustomerRowLock } from './customers/customer-row-lock';
import { StripeCustomerLinks } from './customers/stripe-customer-links';
import { CustomerEntity } from './customers/customer.entity';
import { CustomersController } from './customers/customers.controller';
import { CustomersRepository } from './customers/customers.repository';
import { CustomersService } from './customers/customers.service';
import { PartyIdentitiesController } from './identities/party-identities.controller';
import { PartyIdentitiesRepository } from './identities/party-identities.repository';
import { PartyIdentitiesService } from './identities/party-identities.service';
import { PartyIdentityEntity } from './identities/party-identity.entity';
import { CleanRoomEntity } from './rooms/clean-room.entity';
import { RoomOwnershipEntity } from './rooms/room-ownership.entity';
import { RoomActivityRecorder } from './rooms/room-activity.recorder';
import { RoomNames } from './rooms/room-names';
import { RoomsController } from './rooms/rooms.controller';
import { RoomsRepository } from './rooms/rooms.repository';
import { RoomsService } from './rooms/rooms.service';
import { RoomsNowReader } from './rooms/rooms-now.reader';

/** Customers, the parties' Databricks identities and clean rooms with their owners over time. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CustomerEntity,
      PartyIdentityEntity,
      CleanRoomEntity,
      RoomOwnershipEntity,
    ]),
  ],
  controllers: [CustomersController, PartyIdentitiesController, RoomsController],
  providers: [
    CustomerBillingZones,
    CustomerRowLock,
    CustomersRepository,
    CustomersService,
    StripeCustomerLinks,
    PartyIdentitiesRepository,
    PartyIdentitiesService,
    RoomActivityRecorder,
    RoomNames,
    RoomsRepository,
    RoomsService,
    RoomsNowReader,
  ],
  exports: [
    CustomerBillingZones,
    CustomerRowLock,
    CustomersService,
    StripeCustomerLinks,
    PartyIdentitiesService,
    RoomActivityRecorder,
    RoomNames,
    RoomsService,
    RoomsNowReader,
  ],
})
export class RegistryModule {}
