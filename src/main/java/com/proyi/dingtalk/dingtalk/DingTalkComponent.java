package com.proyi.dingtalk.dingtalk;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code dingtalk:} component: DingTalk calls as route steps. Its producers hand every call to
 * the {@link DingTalkClient}, so the access token, the rate limit, the retries and the error mapping
 * stay in one place for routes and Java callers alike.
 */
@Component("dingtalk")
public class DingTalkComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The DingTalk client that makes the calls, with the access tokens,"
            + " the rate limit, the retries and the error mapping. Found in the registry by type when not set.")
    private DingTalkClient client;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DingTalkEndpoint endpoint = new DingTalkEndpoint(uri, this);
        endpoint.setOperation(getCamelContext().getTypeConverter().mandatoryConvertTo(DingTalkOperation.class, remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null) {
            throw new IllegalStateException("The dingtalk component has no DingTalkClient: put one in the registry"
                    + " (the module's Spring configuration does) or set the component's client option");
        }
    }

    public DingTalkClient getClient() {
        return client;
    }

    public void setClient(DingTalkClient client) {
        this.client = client;
    }
}
