export type * from './cloudTrail';
export type * from './resolution';
export type * from './inventory';
export type * from './findings';
export type * from './tagHistory';
export type * from './coverage';
