import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from './data-source-options';
import { migrate } from './migrate';

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/** TypeORM on the resolved database; the schema is brought up to date before anything uses it. */
@Module({})
export class DatabaseModule {
  static forTarget(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(target), autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('missing data source options');
            const dataSource = await new DataSource(options).initialize();
            await migrate(dataSource, !target.embedded);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_TARGET, useValue: target }],
      exports: [DATABASE_TARGET],
    };
  }
}
