import { Type } from 'typebox';

/** Query parameters every Extend list takes. */
export const PageQuery = {
  nextPageToken: Type.Optional(Type.String()),
  maxPageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  sortDir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
};

export const IdParams = Type.Object({ id: Type.String() });

/** Bodies are objects; their fields are checked by the surface, which names Extend's paths in errors. */
export const AnyObject = Type.Object({}, { additionalProperties: true });

export const TAGS = ['extend'];
