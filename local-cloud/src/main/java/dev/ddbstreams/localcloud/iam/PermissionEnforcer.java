package dev.ddbstreams.localcloud.iam;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Checks every AWS call a function's handler makes during a local invocation against the
 * function's execution role, as IAM would: a call the template does not allow fails before it is
 * sent, with the service's AccessDenied error and IAM's message, and is logged.
 *
 * <p>Registered globally by the resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, like the metrics
 * interceptor and the region router. Calls outside an invocation ({@link InvocationIdentity}
 * absent) are not checked.
 */
public final class PermissionEnforcer implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(PermissionEnforcer.class);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Optional<InvocationIdentity> caller = InvocationIdentity.current();
        if (caller.isEmpty() || caller.get().permissions().notChecked().isPresent()) {
            return;
        }
        String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operation = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        SdkRequest request = context.request();
        FunctionPermissions permissions = caller.get().permissions();
        Optional<List<RequiredPermission>> required = RequestPermissions.of(service, operation,
                region == null ? "" : region.id(), permissions.accountId(), request);
        if (required.isEmpty()) {
            LOG.debug("{} {} by {}: not a service the local cloud checks", service, operation,
                    caller.get().functionName());
            return;
        }
        for (RequiredPermission permission : required.get()) {
            FunctionPermissions.Decision decision = permissions.decide(permission);
            if (decision != FunctionPermissions.Decision.ALLOWED) {
                String message = AccessDenied.message(caller.get(), permission, decision);
                LOG.warn("{} {} denied: {}", service, operation, message);
                throw AccessDenied.exception(service, request, message);
            }
        }
    }
}
