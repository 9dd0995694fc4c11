import { PipeTransform } from '@nestjs/common';
import { badRequest } from '../../../shared/errors/domain-error';
import { ROOM_ID } from './dto/room.dto';

/** Room ids are Databricks uuids, compared lower-cased. */
export class ParseRoomIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ROOM_ID.test(value))
      throw badRequest('invalid_room_id', 'A room id is a central_clean_room_id (uuid)');
    return value.toLowerCase();
  }
}
