export * from './allocation';
export * from './currency';
export * from './decimal';
export * from './numeric.transformer';
export * from './rounding';
