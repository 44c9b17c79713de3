package com.proyi.dingtalk.dingtalk;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send DingTalk work notifications and make any oapi call as a route step, with the access token,
 * the rate limit, the retries and the error mapping inside the component.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dingtalk", title = "DingTalk", syntax = "dingtalk:operation",
        producerOnly = true, remote = true, category = {Category.CHAT, Category.SAAS},
        headersClass = DingTalkConstants.class)
public class DingTalkEndpoint extends DefaultEndpoint {

    /** HTTP method of an oapi call. */
    public enum Method {
        GET, POST
    }

    @UriPath(description = "What to do: sendWorkNotification sends a work notification (asyncsend_v2);"
            + " oapi makes the oapi call named by the path option.")
    @Metadata(required = true)
    private DingTalkOperation operation;

    @UriParam(defaultValue = DingTalkProperties.DEFAULT_TENANT, description = "The tenant whose DingTalk app makes"
            + " the call: default is set up under dingtalk, any other under dingtalk.tenants.ID;"
            + " the CamelDingTalkTenant header overrides it per message.")
    private String tenant = DingTalkProperties.DEFAULT_TENANT;

    @UriParam(label = "oapi", description = "The oapi path of an oapi call, e.g. /topapi/v2/user/get;"
            + " the host comes from dingtalk.base-url and the access token is added.")
    private String path;

    @UriParam(label = "oapi", defaultValue = "POST", description = "HTTP method of an oapi call: POST sends the"
            + " body as JSON, GET sends the body's entries as query parameters.")
    private Method method = Method.POST;

    public DingTalkEndpoint(String uri, DingTalkComponent component) {
        super(uri, component);
    }

    @Override
    public DingTalkComponent getComponent() {
        return (DingTalkComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new DingTalkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dingtalk: endpoints only send; DingTalk's events arrive at"
                + " POST /dingtalk/callback");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (operation == DingTalkOperation.oapi && (path == null || !path.startsWith("/"))) {
            throw new IllegalArgumentException(getEndpointUri() + ": an oapi call needs the path option,"
                    + " starting with /, e.g. dingtalk:oapi?path=/topapi/v2/user/get");
        }
    }

    public DingTalkOperation getOperation() {
        return operation;
    }

    public void setOperation(DingTalkOperation operation) {
        this.operation = operation;
    }

    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Method getMethod() {
        return method;
    }

    public void setMethod(Method method) {
        this.method = method;
    }
}
