package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.config.TableColumns;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the configured HR table or columns are not in the live schema: a typo in
 * proyi.hr.* would otherwise only show as every notice failing. (The names are already restricted
 * to plain identifiers by {@link ProYiProperties}, since they end up in SQL.)
 */
@Component
@DependsOnDatabaseInitialization
public class HrRecordSchemaCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(HrRecordSchemaCheck.class);

    private final DataSource dataSource;
    private final ProYiProperties.Hr hr;

    public HrRecordSchemaCheck(DataSource dataSource, ProYiProperties properties) {
        this.dataSource = dataSource;
        this.hr = properties.getHr();
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        Set<String> columns = TableColumns.of(dataSource, hr.getTable());
        if (columns.isEmpty()) {
            throw new IllegalStateException("ProYi HR table '" + hr.getTable() + "' (proyi.hr.table) does not exist"
                    + " in the configured database; create it or point proyi.hr.table at ProYi's HR record table");
        }
        List<String> missing = hr.missingColumns(columns);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("ProYi HR table '" + hr.getTable() + "' has no column " + missing
                    + "; its columns are " + columns);
        }
        log.info("Binding lookup: {}.{} -> {}.{}", hr.getTable(), hr.getLoginColumn(), hr.getTable(), hr.getDingtalkColumn());
    }
}
