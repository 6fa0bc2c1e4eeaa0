"""Advice and assignments move here from the decisions app.

The tables were renamed by decisions 0005; this only tells Django the models are here now.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.migrations_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('bodies', '0007_text_limits'),
        ('meetings', '0007_decisions_and_votes_moved_in'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('decisions', '0005_tables_renamed'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalAdvice',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('domain', models.CharField(choices=[('finance', 'Financiën'), ('staff', 'Personeel'), ('content', 'Inhoud en procedures'), ('working_groups', 'Werkgroepen en opdrachten'), ('communication', 'Communicatie'), ('policy', 'Beleid')], max_length=20, verbose_name='domein')),
                        ('subject', models.CharField(max_length=200, verbose_name='onderwerp')),
                        ('text', models.TextField(max_length=10000, verbose_name='advies')),
                        ('given_on', models.DateField(verbose_name='gegeven op')),
                        ('response', models.CharField(blank=True, choices=[('followed', 'Gevolgd'), ('partly', 'Gedeeltelijk gevolgd'), ('not_followed', 'Niet gevolgd')], max_length=12, verbose_name='antwoord')),
                        ('response_reasons', models.TextField(blank=True, max_length=10000, verbose_name='motivering')),
                        ('answered_on', models.DateField(blank=True, null=True, verbose_name='beantwoord op')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('answered_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beantwoord door')),
                        ('from_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='adviserend orgaan')),
                        ('given_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ingevoerd door')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('mandate', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.mandate', verbose_name='mandaat')),
                        ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting', verbose_name='vergadering')),
                        ('to_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='geadviseerd orgaan')),
                    ],
                    options={
                        'verbose_name': 'historical advies',
                        'verbose_name_plural': 'historical adviezen',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAssignment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('description', models.TextField(blank=True, max_length=10000, verbose_name='omschrijving')),
                        ('due_date', models.DateField(verbose_name='terugkoppeling tegen')),
                        ('given_on', models.DateField(verbose_name='gegeven op')),
                        ('report', models.TextField(blank=True, max_length=10000, verbose_name='terugkoppeling')),
                        ('reported_on', models.DateField(blank=True, null=True, verbose_name='teruggekoppeld op')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('from_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='opdrachtgever')),
                        ('given_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gegeven door')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('mandate', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.mandate', verbose_name='mandaat')),
                        ('reported_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='teruggekoppeld door')),
                        ('to_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='uitvoerder')),
                        ('working_group', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='opgestarte werkgroep')),
                    ],
                    options={
                        'verbose_name': 'historical opdracht',
                        'verbose_name_plural': 'historical opdrachten',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Advice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('domain', models.CharField(choices=[('finance', 'Financiën'), ('staff', 'Personeel'), ('content', 'Inhoud en procedures'), ('working_groups', 'Werkgroepen en opdrachten'), ('communication', 'Communicatie'), ('policy', 'Beleid')], max_length=20, verbose_name='domein')),
                        ('subject', models.CharField(max_length=200, verbose_name='onderwerp')),
                        ('text', models.TextField(max_length=10000, verbose_name='advies')),
                        ('given_on', models.DateField(verbose_name='gegeven op')),
                        ('response', models.CharField(blank=True, choices=[('followed', 'Gevolgd'), ('partly', 'Gedeeltelijk gevolgd'), ('not_followed', 'Niet gevolgd')], max_length=12, verbose_name='antwoord')),
                        ('response_reasons', models.TextField(blank=True, max_length=10000, verbose_name='motivering')),
                        ('answered_on', models.DateField(blank=True, null=True, verbose_name='beantwoord op')),
                        ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beantwoord door')),
                        ('from_body', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='advice_given', to='bodies.body', verbose_name='adviserend orgaan')),
                        ('given_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ingevoerd door')),
                        ('mandate', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='advice', to='bodies.mandate', verbose_name='mandaat')),
                        ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='advice_given', to='meetings.meeting', verbose_name='vergadering')),
                        ('to_body', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='advice_received', to='bodies.body', verbose_name='geadviseerd orgaan')),
                    ],
                    options={
                        'verbose_name': 'advies',
                        'verbose_name_plural': 'adviezen',
                        'ordering': ['-given_on', '-pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('from_body', models.F('to_body')), _negated=True), name='advice_to_another_body'), models.CheckConstraint(condition=models.Q(models.Q(('answered_on__isnull', True), ('response', '')), models.Q(models.Q(('response', ''), _negated=True), ('answered_on__isnull', False)), _connector='OR'), name='advice_answer_complete')],
                    },
                ),
                migrations.CreateModel(
                    name='Assignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('description', models.TextField(blank=True, max_length=10000, verbose_name='omschrijving')),
                        ('due_date', models.DateField(verbose_name='terugkoppeling tegen')),
                        ('given_on', models.DateField(verbose_name='gegeven op')),
                        ('report', models.TextField(blank=True, max_length=10000, verbose_name='terugkoppeling')),
                        ('reported_on', models.DateField(blank=True, null=True, verbose_name='teruggekoppeld op')),
                        ('from_body', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments_given', to='bodies.body', verbose_name='opdrachtgever')),
                        ('given_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gegeven door')),
                        ('mandate', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='bodies.mandate', verbose_name='mandaat')),
                        ('reported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='teruggekoppeld door')),
                        ('to_body', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments_received', to='bodies.body', verbose_name='uitvoerder')),
                        ('working_group', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='founding_assignment', to='bodies.body', verbose_name='opgestarte werkgroep')),
                    ],
                    options={
                        'verbose_name': 'opdracht',
                        'verbose_name_plural': 'opdrachten',
                        'ordering': ['due_date', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('from_body', models.F('to_body')), _negated=True), name='assignment_to_another_body'), models.CheckConstraint(condition=models.Q(models.Q(('report', ''), ('reported_on__isnull', True)), models.Q(('reported_on__isnull', False), models.Q(('report', ''), _negated=True)), _connector='OR'), name='assignment_report_complete')],
                    },
                ),
            ],
        ),
        move_content_types("decisions", "referrals", ["advice", "assignment", "historicaladvice", "historicalassignment"]),
    ]
