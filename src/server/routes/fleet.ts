import type { FastifyInstance } from 'fastify';
import type { FleetFilter, FleetSource } from '../../model/fleet.js';
import { ApiError } from '../errors.js';

/** `GET /api/fleet?state=&code=&device=`: the live monitor's tunnels, when one feeds this server. */
export function fleetRoutes(app: FastifyInstance, fleet: FleetSource | undefined): void {
  app.get<{ Querystring: FleetFilter }>(
    '/api/fleet',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', maxLength: 40 },
            code: { type: 'string', maxLength: 60 },
            device: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request) => {
      if (!fleet)
        throw new ApiError(
          'fleet_not_configured',
          'No live monitor feeds this server: start `ipsec-doctor watch --http` to see the fleet.',
        );
      const filter = Object.fromEntries(
        Object.entries(request.query).filter(([, v]) => v !== undefined && v !== ''),
      ) as FleetFilter;
      return { tunnels: await fleet.tunnels(filter) };
    },
  );
}
