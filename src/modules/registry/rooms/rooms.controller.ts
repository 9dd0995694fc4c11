import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../../../shared/errors/api-problems.decorator';
import { Access } from '../../../shared/auth/access.decorator';
import { AuthPrincipal } from '../../../shared/auth/auth-principal';
import { CurrentPrincipal } from '../../../shared/auth/current-principal.decorator';
import {
  CreateRoomDto,
  ListRoomsQuery,
  OwnerAtQuery,
  OwnerAtResponse,
  OwnershipResponse,
  RoomPage,
  RoomResponse,
  TransferRoomDto,
  UpdateRoomDto,
} from './dto/room.dto';
import { ParseRoomIdPipe } from './room-id.pipe';
import { RoomsService } from './rooms.service';

const READERS = ['finance', 'partner', 'customer'] as const;

@ApiTags('rooms')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404)
@Controller('v1/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Register a clean room and its owner' })
  @ApiCreatedResponse({ type: RoomResponse })
  @ApiProblems(409)
  async create(@Body() body: CreateRoomDto): Promise<RoomResponse> {
    return RoomResponse.from(
      await this.rooms.create({
        id: body.id.toLowerCase(),
        name: body.name,
        customerId: body.customerId,
        ownerSince: body.ownerSince,
        expectedRunIntervalHours: body.expectedRunIntervalHours ?? null,
      }),
    );
  }

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: 'List rooms (a customer key sees the rooms its customer owns now)' })
  @ApiOkResponse({ type: RoomPage })
  async list(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Query() query: ListRoomsQuery,
  ): Promise<RoomPage> {
    const page = await this.rooms.list(
      principal,
      { customerId: query.customerId, nameContains: query.name },
      query,
    );
    return { data: page.items.map((view) => RoomResponse.from(view)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access(...READERS)
  @ApiOperation({ summary: 'Get a room' })
  @ApiOkResponse({ type: RoomResponse })
  async get(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', ParseRoomIdPipe) id: string,
  ): Promise<RoomResponse> {
    return RoomResponse.from(await this.rooms.findVisibleOrThrow(principal, id));
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({ summary: 'Rename a room or change its expected run cadence' })
  @ApiOkResponse({ type: RoomResponse })
  async update(
    @Param('id', ParseRoomIdPipe) id: string,
    @Body() body: UpdateRoomDto,
  ): Promise<RoomResponse> {
    return RoomResponse.from(await this.rooms.update(id, body));
  }

  @Get(':id/owners')
  @Access(...READERS)
  @ApiOperation({ summary: 'Ownership history of a room' })
  @ApiOkResponse({ type: [OwnershipResponse] })
  async owners(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', ParseRoomIdPipe) id: string,
  ): Promise<OwnershipResponse[]> {
    return (await this.rooms.ownershipHistory(principal, id)).map((span) =>
      OwnershipResponse.from(span),
    );
  }

  @Post(':id/owners')
  @Access('admin')
  @ApiOperation({ summary: 'Hand the room over to another customer from a given instant' })
  @ApiCreatedResponse({ type: [OwnershipResponse] })
  @ApiProblems(409)
  async transfer(
    @Param('id', ParseRoomIdPipe) id: string,
    @Body() body: TransferRoomDto,
  ): Promise<OwnershipResponse[]> {
    const spans = await this.rooms.transfer(id, {
      customerId: body.customerId,
      effectiveFrom: body.effectiveFrom,
    });
    return spans.map((span) => OwnershipResponse.from(span));
  }

  @Get(':id/owner')
  @Access(...READERS)
  @ApiOperation({ summary: 'Who owned the room at a given instant' })
  @ApiOkResponse({ type: OwnerAtResponse })
  async ownerAt(
    @CurrentPrincipal() principal: AuthPrincipal,
    @Param('id', ParseRoomIdPipe) id: string,
    @Query() query: OwnerAtQuery,
  ): Promise<OwnerAtResponse> {
    const customerId = await this.rooms.ownerAtOrThrow(principal, id, query.at);
    return { roomId: id, at: query.at.toISOString(), customerId };
  }
}
