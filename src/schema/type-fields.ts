/**
 * A hand-written TypeScript type's fields, seen at run time, so that a test can hold the type against the
 * JSON Schema it mirrors: every field, and apart the required ones. The build refuses a field missing here
 * or one the type does not have (each object is a Record over exactly the type's keys); the test refuses a
 * difference from the schema. Together: a field added to the schema and not to its type, or made optional in
 * one only, fails. Used for the change types (simulate/raw-fields.ts) and the waiver (waivers/load.ts).
 */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

export interface Fields<T> {
  all: Record<keyof T, true>;
  required: Record<RequiredKeys<T>, true>;
}

/** The fields of T as plain records (what a test compares with the schema's properties and required). */
export interface FieldRecord {
  all: Record<string, true>;
  required: Record<string, true>;
}

export const fieldsOf = <T>(f: Fields<T>): FieldRecord => f;
