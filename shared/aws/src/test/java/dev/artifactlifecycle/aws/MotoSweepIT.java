package dev.artifactlifecycle.aws;

/**
 * The contract suite on moto_server (S3 and DynamoDB), which is stricter about GLACIER objects than S3Mock. Skipped,
 * with the reason printed, where moto_server is not on PATH.
 */
class MotoSweepIT extends SweepContractIT {
    @Override
    AwsTarget target() {
        return MotoServer.startOrSkip();
    }
}
