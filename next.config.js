/** @type {import('next').NextConfig} */
const nextConfig = {
  // ioredis and bullmq open sockets and spawn processes: keep them out of the bundle.
  serverExternalPackages: ['ioredis', 'bullmq'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
