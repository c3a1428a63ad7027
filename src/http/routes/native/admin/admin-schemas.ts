import { Type } from 'typebox';

export const TenantParams = Type.Object({ tenant_id: Type.String() });
