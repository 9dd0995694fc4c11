import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Registry's reader of clean-room names, for reports that label rooms (issue 14 seam). */
@Injectable()
export class RoomNames {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The current names of the rooms, by id; unknown ids are left out. */
  async of(roomIds: readonly string[]): Promise<Map<string, string>> {
    if (roomIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM clean_rooms WHERE id = ANY($1::text[])`,
      [roomIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
