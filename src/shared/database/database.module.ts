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
          useFactory: () => ({
            ...buildDataSourceOptions(target),
            autoLoadEntities: true,
            // The embedded socket admits one connection and frees it a moment after the previous
            // client hangs up (a restart in the same process): retry soon rather than in 3 s.
            retryAttempts: target.embedded ? 20 : 9,
            retryDelay: target.embedded ? 100 : 3000,
          }),
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
